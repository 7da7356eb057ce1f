# register texts (en-US).
