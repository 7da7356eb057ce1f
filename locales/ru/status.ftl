# status texts (ru).
