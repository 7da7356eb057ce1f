# catalog texts (fr).
