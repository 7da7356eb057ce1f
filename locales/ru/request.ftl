# request texts (ru).
