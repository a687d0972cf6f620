"""Pages of the district plans (``plans``), the office's self-assessment (``office``) and
their public documents (``public``)."""
