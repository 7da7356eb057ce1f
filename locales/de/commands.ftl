# commands texts (de).
