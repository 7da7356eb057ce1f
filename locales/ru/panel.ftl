# panel texts (ru).
