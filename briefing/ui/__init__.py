"""The Textual presenter. Importing this package imports nothing; `app` pulls in Textual."""
