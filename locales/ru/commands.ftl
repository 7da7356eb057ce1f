# commands texts (ru).
