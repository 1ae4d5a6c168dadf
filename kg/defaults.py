"""Defaults shared by the library and the CLI; import-light so ``kg --help`` stays fast."""

DEFAULT_STORE = "kg.oxigraph"  # a directory in the current folder; *.oxigraph/ is git-ignored
STORE_ENV = "KG_STORE"
