# setup texts (fr).
