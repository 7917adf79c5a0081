"""Offices (机关): the table, and nullable links from units, aliases and bulletins to it; unit
names, aliases and bulletin titles become unique per office (0013 fills, 0014 requires)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0011_single_person_office"),
    ]

    operations = [
        migrations.CreateModel(
            name="Office",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="机关名称")),
                ("short_name", models.CharField(blank=True, help_text="如“延津县”，用于列表和转报说明", max_length=30, verbose_name="简称")),
                ("level", models.CharField(choices=[("乡镇", "乡镇"), ("县", "县（区）"), ("市", "市"), ("省", "省"), ("国务院办公厅", "国务院办公厅")], default="县", max_length=20, verbose_name="级别")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="archive.office", verbose_name="上级机关")),
            ],
            options={"verbose_name": "机关", "verbose_name_plural": "机关", "ordering": ["pk"]},
        ),
        migrations.AddField(
            model_name="unit",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="units", to="archive.office", verbose_name="所属机关"),
        ),
        migrations.AddField(
            model_name="unit",
            name="represents",
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="as_unit", to="archive.office", verbose_name="代表的下级机关"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="kind",
            field=models.CharField(choices=[("department", "部门"), ("township", "乡镇"), ("subdistrict", "街道"), ("office", "下级机关"), ("other", "其他")], default="department", max_length=20, verbose_name="类别"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=100, verbose_name="规范名称"),
        ),
        migrations.AddField(
            model_name="unitalias",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="archive.office"),
        ),
        migrations.AlterField(
            model_name="unitalias",
            name="alias",
            field=models.CharField(max_length=100, verbose_name="别名"),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="office",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="bulletins", to="archive.office", verbose_name="编发机关"),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="info_type",
            field=models.CharField(blank=True, help_text="如“每日要情”“专报信息”“综合信息”；评分规则按此确定采用形式，留空按默认形式", max_length=20, verbose_name="信息类别"),
        ),
        migrations.AlterField(
            model_name="bulletin",
            name="title",
            field=models.CharField(max_length=100, verbose_name="刊名"),
        ),
    ]
