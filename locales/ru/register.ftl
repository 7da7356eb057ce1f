# register texts (ru).
