"""Pure renderers of the statistics app (no Django): charts as SVG, the circular (采用情况通报)
as DOCX and XLSX, figures as XLSX. They take the plain data of `model` and return bytes or text."""
