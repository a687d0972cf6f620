"""SAR pages, one module per side: ``editor`` (the school writes its SAR), ``review``
(reading, downloading, comparing, the district's review), ``tracker`` (who has sent)
and ``public`` (the disclosure without login). Views fetch through ``visible_to`` and
call ``sar.services``."""
