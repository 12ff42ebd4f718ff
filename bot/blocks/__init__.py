"""Pure functions: domain objects in, Block Kit out."""
