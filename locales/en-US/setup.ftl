# setup texts (en-US).
