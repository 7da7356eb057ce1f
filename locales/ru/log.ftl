# log texts (ru).
