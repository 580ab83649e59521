"""Per-sandbox toolbox services: files, git, processes, interpreter, computer use, LSP."""
