"""Common strengths and points to improve, mined from the schools' Thai text.

Offline pythainlp: ``newmm`` word segmentation with its bundled dictionary and Thai stop
words. Candidate key phrases are word n-grams (1-3 content words) inside a clause (clauses end at
spaces and punctuation, as Thai writes them); a phrase may hold a stop word inside but
not at its edges ("การจัดการเรียนรู้" but not "และการ"). A phrase counts once per school;
the most widely shared come first, a shorter phrase is dropped when a longer one that
contains it is mentioned by as many schools.
"""

import re
from collections import defaultdict

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize

# Words every SAR uses: they carry no finding on their own, only inside a longer phrase.
GENERIC_WORDS = frozenset(
    {
        "โรงเรียน",
        "สถานศึกษา",
        "ผู้เรียน",
        "นักเรียน",
        "ครู",
        "การ",
        "ความ",
        "ดี",
        "มาก",
        "ระดับ",
        "ด้าน",
        "เรื่อง",
        "ส่วน",
        "ทุก",
        "คน",
        "ปี",
        "ร้อยละ",
        "จำนวน",
        "ตาม",
        "สามารถ",
        "พัฒนา",
        "จัด",
        "มีการ",
        "ควร",
        "ต้อง",
        "เพิ่มเติม",
        "ยัง",
    }
)
WORD = re.compile(r"[\u0E01-\u0E2E\u0E30-\u0E4E]{2,}|[A-Za-z][A-Za-z\-]+")
# Clauses end at punctuation and at spaces, except the space inside a Latin term
# ("Active Learning").
CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\"'“”‘’/!?]+|(?<!\d)\.(?!\d)|(?<![A-Za-z])\s+|\s+(?![A-Za-z])"
)


class PhraseMiner:
    def __init__(self, *, top=8, min_schools=2, max_n=3, max_span=5, quotes=2):
        self.top = top
        self.min_schools = min_schools
        self.max_n = max_n
        self.max_span = max_span
        self.quotes = quotes
        self.stopwords = frozenset(thai_stopwords())
        self._cache = {}

    def is_content(self, token):
        return bool(WORD.fullmatch(token)) and token not in self.stopwords

    def phrases_of(self, text):
        """The set of candidate phrases in one school's text."""
        found = set()
        for clause in CLAUSE_BREAK.split(text):
            if clause:
                found |= self._clause_phrases(clause)
        return found

    def _clause_phrases(self, clause):
        # SARs repeat the same clauses from school to school (and from template to
        # template): each distinct clause is segmented once.
        cached = self._cache.get(clause)
        if cached is not None:
            return cached
        found = set()
        tokens = word_tokenize(clause, engine="newmm", keep_whitespace=False)
        content = [self.is_content(t) for t in tokens]
        for start in range(len(tokens)):
            if not content[start]:
                continue
            # n counts the content words; stop words may sit between them.
            n = 0
            for end in range(start + 1, min(len(tokens), start + self.max_span) + 1):
                if not WORD.fullmatch(tokens[end - 1]):
                    break
                if not content[end - 1]:
                    continue
                n += 1
                if n > self.max_n:
                    break
                if n == 1 and tokens[start] in GENERIC_WORDS:
                    continue
                found.add((n, _join(tokens[start:end])))
        self._cache[clause] = frozenset(found)
        return self._cache[clause]

    def mine(self, texts):
        """``texts``: [(school name, text)], one per school. Returns the key phrases as
        [{"phrase", "schools", "quotes": [{"school", "text"}]}]."""
        schools_of = defaultdict(list)
        lengths = {}
        for index, (_school, text) in enumerate(texts):
            for n, phrase in self.phrases_of(text):
                schools_of[phrase].append(index)
                lengths[phrase] = n
        ranked = sorted(
            (p for p, s in schools_of.items() if len(s) >= self.min_schools),
            key=lambda p: (-len(schools_of[p]), -lengths[p], p),
        )
        chosen = []
        for phrase in ranked:
            count = len(schools_of[phrase])
            if any(phrase in kept and count == len(schools_of[kept]) for kept in chosen):
                continue
            chosen.append(phrase)
            if len(chosen) == self.top:
                break
        return [
            {
                "phrase": phrase,
                "schools": len(schools_of[phrase]),
                "quotes": [
                    {"school": texts[i][0], "text": quote(texts[i][1], phrase)}
                    for i in schools_of[phrase][: self.quotes]
                ],
            }
            for phrase in chosen
        ]


def _join(tokens):
    # Thai is written without spaces between words; Latin words keep theirs.
    text = tokens[0]
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if previous[-1].isascii() and token[0].isascii():
            text += " "
        text += token
    return text


def quote(text, phrase, *, width=160):
    """The line of ``text`` that mentions ``phrase``, shortened around it if long."""
    for line in text.splitlines():
        if phrase in line:
            break
    else:
        line = " ".join(text.split())
    line = line.strip()
    if len(line) <= width:
        return line
    at = max(line.find(phrase), 0)
    start = max(0, at - width // 3)
    end = min(len(line), start + width)
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")
