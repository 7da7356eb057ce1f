# catalog texts (ru).
