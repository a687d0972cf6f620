"""Process 5 of the seed: supervision networks per cluster (สหวิทยาเขต) — the cluster's
information, form ๑ (the needs survey), and what follows from it."""
