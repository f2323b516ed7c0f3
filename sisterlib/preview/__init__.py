"""Preview: the live-reload server and the state it keeps between builds."""
