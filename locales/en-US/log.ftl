# log texts (en-US).
