# status texts (fr).
