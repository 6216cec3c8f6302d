"""What every editing screen is built from: the app services as editors find them
(:mod:`.app_services`), the Markdown editor with its privacy and spelling aids,
saving as the user types (:mod:`.autosave`) and cells whose text was refused."""
