"""Process 5 pages, one module per part: ``survey`` (the dashboard, the cluster page and
form ๑), ``activities`` (networks, the plan, activities, form ๒), ``reports`` (form ๓),
``training`` (the district's events and shared practices), ``public`` (pages without
login)."""
