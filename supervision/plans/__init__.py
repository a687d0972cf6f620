"""Process 1 steps 5.2–7 (the district's 3-year development plan, its annual action plans
and their evaluation) and the area office's self-assessment against its own standards
(seed 003)."""
