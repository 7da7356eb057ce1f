# board texts (de).
