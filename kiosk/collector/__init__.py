"""The coordinator's collector: receives uploads and USB bundles, checks them, stores each
visit once (SQLite or PostgreSQL), and answers totals as JSON, CSV and a PDF report."""
