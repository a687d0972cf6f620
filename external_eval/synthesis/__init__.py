"""Form ๗.๓ of process 3: the internal–external synthesis of one office and one ONESQA
round (``data`` gathers the three levels per school and standard, ``figures`` computes the
district's agreement, ``narrative`` drafts the Thai text, ``charts`` the SVGs, ``pdf`` and
``xlsx`` the documents, ``services`` the writes, ``views``/``urls``/``public_urls`` the
pages)."""
