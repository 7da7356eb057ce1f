# setup texts (de).
