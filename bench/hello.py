"""The throughput ceiling: the smallest Flask app, served by the same gunicorn as Sportello in the same run."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, world!"
