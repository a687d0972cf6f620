// Prints the text pdf.js (Firefox's PDF viewer) extracts from the PDF on stdin: a JSON
// list with one string per page, its text items joined as the viewer's find bar joins
// them (a line break where pdf.js marks an end of line).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const pdf = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  .promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(JSON.stringify(pages));
