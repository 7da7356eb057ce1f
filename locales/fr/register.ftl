# register texts (fr).
