"""A client library for accessing Daytona REST API (control plane and in-sandbox toolbox)"""
