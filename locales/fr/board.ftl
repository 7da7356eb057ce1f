# board texts (fr).
