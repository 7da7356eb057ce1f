# board texts (ru).
