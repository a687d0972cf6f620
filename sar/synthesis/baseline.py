# ruff: noqa: S608 (the queries are built from constants only, never from input)
"""The plain SQL the synthesis's figures are measured against (``make bench``): the same
groupings, computed by the database and nothing else. Levels per standard overall, by
cluster and by size band; levels per item with its targets met; schools meeting every
target of a standard, overall, by cluster and by size band; last year's result for the
change. Portable SQL (UNION ALL rather than GROUPING SETS), so it runs on SQLite too.
"""

from django.db import connection

from schools.models import SIZE_BAND_LIMITS, SizeBand


def _band_sql(kind):
    cases = " ".join(
        f"WHEN s.students <= {upper} THEN '{band.value}'" for upper, band in SIZE_BAND_LIMITS[kind]
    )
    return f"CASE WHEN s.students IS NULL THEN NULL {cases} ELSE '{SizeBand.EXTRA_LARGE.value}' END"


def _versions(kind):
    # The latest submitted version of each accepted report, as fetch_input chooses it.
    return f"""
    WITH v AS (
      SELECT ver.id AS version_id, r.school_id, s.cluster_id, {_band_sql(kind)} AS band
      FROM sar_sarversion ver
      JOIN sar_selfassessmentreport r ON r.id = ver.report_id
      JOIN schools_school s ON s.id = r.school_id
      WHERE s.area_office_id = %s AND r.academic_year_id = %s AND r.status = 'accepted'
        AND ver.submitted_at IS NOT NULL
        AND ver.number = (SELECT MAX(v2.number) FROM sar_sarversion v2
                          WHERE v2.report_id = ver.report_id AND v2.submitted_at IS NOT NULL)
    )"""


MET = """(ir.level IS NOT NULL AND ir.level >= t.target_level
          AND (t.target_percent IS NULL OR ir.result_percent >= t.target_percent))"""

LEVELS = """
SELECT 'all', sr.standard_id, NULL, sr.level, COUNT(*)
  FROM v JOIN sar_standardresult sr ON sr.version_id = v.version_id
  GROUP BY sr.standard_id, sr.level
UNION ALL
SELECT 'cluster', sr.standard_id, CAST(v.cluster_id AS TEXT), sr.level, COUNT(*)
  FROM v JOIN sar_standardresult sr ON sr.version_id = v.version_id
  GROUP BY sr.standard_id, v.cluster_id, sr.level
UNION ALL
SELECT 'band', sr.standard_id, v.band, sr.level, COUNT(*)
  FROM v JOIN sar_standardresult sr ON sr.version_id = v.version_id
  GROUP BY sr.standard_id, v.band, sr.level
"""

ITEMS = f"""
SELECT ir.item_id, ir.level, COUNT(*), COUNT(t.id),
       SUM(CASE WHEN t.id IS NOT NULL AND {MET} THEN 1 ELSE 0 END)
  FROM v JOIN sar_itemresult ir ON ir.version_id = v.version_id
  LEFT JOIN standards_schooltarget t
    ON t.school_id = v.school_id AND t.item_id = ir.item_id AND t.academic_year_id = %s
  GROUP BY ir.item_id, ir.level
"""

TARGETS = f""", m AS (
  SELECT i.standard_id, v.school_id, v.cluster_id, v.band,
         MIN(CASE WHEN {MET} THEN 1 ELSE 0 END) AS met
    FROM v JOIN standards_schooltarget t
      ON t.school_id = v.school_id AND t.academic_year_id = %s
    JOIN standards_item i ON i.id = t.item_id
    LEFT JOIN sar_itemresult ir ON ir.version_id = v.version_id AND ir.item_id = t.item_id
    GROUP BY i.standard_id, v.school_id, v.cluster_id, v.band
)
SELECT 'all', standard_id, NULL, COUNT(*), SUM(met) FROM m GROUP BY standard_id
UNION ALL
SELECT 'cluster', standard_id, CAST(cluster_id AS TEXT), COUNT(*), SUM(met)
  FROM m GROUP BY standard_id, cluster_id
UNION ALL
SELECT 'band', standard_id, band, COUNT(*), SUM(met) FROM m GROUP BY standard_id, band
"""

PREVIOUS = """
SELECT results FROM sar_synthesisrun
 WHERE area_office_id = %s AND academic_year_id = %s AND status = 'done'
 ORDER BY is_published DESC, finished_at DESC, id DESC LIMIT 1
"""


def sql_aggregate(office, year):
    """Every grouping the synthesis computes, as rows from the database."""
    head = _versions(office.kind)
    rows = {}
    with connection.cursor() as cursor:
        cursor.execute(head + LEVELS, [office.pk, year])
        rows["levels"] = cursor.fetchall()
        cursor.execute(head + ITEMS, [office.pk, year, year])
        rows["items"] = cursor.fetchall()
        cursor.execute(head + TARGETS, [office.pk, year, year])
        rows["targets"] = cursor.fetchall()
        cursor.execute(PREVIOUS, [office.pk, year - 1])
        rows["previous"] = cursor.fetchall()
    return rows
