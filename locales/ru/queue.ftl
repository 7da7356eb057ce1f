# queue texts (ru).
