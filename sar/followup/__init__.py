"""Follow-up of recommendations (ข้อเสนอแนะ) until they are closed.

One model for every recommendation a school receives, whatever gave it: a supervision
visit, the district's review of its SAR, the annual synthesis, ONESQA. The giver links
its own row as the ``source`` (a generic relation, so the SAR app never imports the apps
that give recommendations); the school updates the status, the district confirms "done".
"""
