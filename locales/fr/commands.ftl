# commands texts (fr).
