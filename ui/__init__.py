"""The PySide6 layer: screens, theme, speech and printing dialogs. Depends on kiosk/."""
