"""The form that starts a folder import."""

from __future__ import annotations

from django import forms


class ImportFolderForm(forms.Form):
    folder = forms.CharField(
        label="文件夹",
        max_length=500,
        required=False,
        help_text="导入目录之内的相对路径，如“2023/上半年”；留空则导入整个导入目录。",
        widget=forms.TextInput(attrs={"list": "folders", "autocomplete": "off"}),
    )
