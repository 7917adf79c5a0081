"""The web shell around the apps: the design system (one stylesheet, an icon set, small scripts),
the base template with the menu of each role, account pages and the office's administration.

It sits above the apps (like the command line): it may import any of them, none imports it."""
