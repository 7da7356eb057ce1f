# setup texts (ru).
