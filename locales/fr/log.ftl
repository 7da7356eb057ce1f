# log texts (fr).
