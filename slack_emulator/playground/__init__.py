"""The playground: the emulated workspace in a browser, driving an app as Slack would."""
