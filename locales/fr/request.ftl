# request texts (fr).
