"""A local, stateful emulator of Daytona's control plane and in-sandbox toolbox (test infrastructure)."""
