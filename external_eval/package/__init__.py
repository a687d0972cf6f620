"""What the district sends ONESQA for a round (process 1, district duty 2; step 4.7.4):
the published SAR synthesis, each school's issues to evaluate and its latest SAR, as one
official PDF and an XLSX, with the date it was sent recorded (``services.package_record_sent``)."""
