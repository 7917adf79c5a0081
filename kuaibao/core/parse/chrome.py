"""Web chrome around a bulletin copied from a government website, recognised and dropped.

County sites publish bulletins as CMS articles. Saved or copied, the page brings along its
navigation (首页 政务公开 …), the breadcrumb (当前位置：首页 > …), the article's metadata
(发布时间 / 信息来源 / 浏览次数 / 字号：大 中 小) and the open-government metadata table
(索引号 | 主题分类 | 文件名称 | 发布机构 | 成文日期 …), sharing and printing links, previous
and next article, a satisfaction form and the footer (主办单位, ICP备案, 技术支持). These lines
are dropped with a warning that quotes each as it stands in the file. The metadata still says
something: the document's name, publisher and date are kept as hints for a masthead the
content lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kuaibao.core.model import ImportWarning
from kuaibao.core.parse.blocks import Block

__all__ = ["PageHints", "drop_chrome"]

_LABELS = (
    "索引号|主题分类|组配分类|体裁分类|信息分类|服务对象|文件名称|名称|标题|发布机构|发文机关|发文机构|成文日期|"
    "发布日期|生成日期|公开日期|发布时间|更新日期|更新时间|生效时间|废止时间|有效性|是否有效|关键词|关键字|内容概述|"
    "信息来源|来源|浏览次数|访问量|点击数|点击率|阅读次数|字号|字体|视力保护色|分享到|分享|打印|"
    "发文日期|归档时间|公开责任部门|公开目录|公开形式|公开方式|发文字号|公文目录|主题词|生效日期|废止日期"
)
# A line made of metadata fields: every field starts with one of the labels above.
_META_LINE = re.compile(rf"^\s*(?:【)?(?:{_LABELS})\s*[:：]")
_META_FIELD = re.compile(
    rf"(?:^|(?<=[\s|｜]))({_LABELS})\s*[:：]\s*([^\t|｜]*?)(?=\s{{2,}}|\t|[|｜]|\s(?:{_LABELS})\s*[:：]|$)"
)
_CHROME = re.compile(
    r"^\s*(?:当前位置|您的位置|您现在的位置|所在位置|您当前的位置)\s*[:：]"
    r"|^\s*(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关信息|相关新闻|延伸阅读)\s*[:：]?"
    r"|^\s*(?:【\s*(?:打印|关闭|返回顶部|收藏|打印本页|关闭窗口|加入收藏|大|中|小)\s*】\s*)+$"
    r"|^\s*(?:扫一扫|用手机扫|手机扫一扫|微信扫一扫)"
    r"|您对本页面|本页面内容是否|对本页面内容的|是否解决您的问题|页面有错|我要纠错|我要留言"
    r"|^\s*(?:主办单位|承办单位|主办|承办|技术支持|网站标识码|联系我们|网站地图|版权所有|Copyright|©)"
    r"|ICP\s*备|公网安备|京公网|政府网站找错"
    r"|^\s*(?:满意|不满意|基本满意|非常满意|一般)(?:\s*(?:满意|不满意|基本满意|非常满意|一般))*\s*$"
    r"|^\s*(?:提交|重置|取消)\s*$"
    # a feedback form under the article: its invitation and its fields (• 姓  名:)
    r"|请您对该政策|对政策执行效果的反馈|我们将及时收集并分析"
    r"|^[\s•·*]*\*?\s*(?:姓\s*名|联系方式|联系电话|电子邮箱|邮\s*箱|内\s*容|验\s*证\s*码)\s*[:：]\s*$"
    r"|^\s*(?:微信|微博|QQ空间|QQ好友|朋友圈)(?:\s+(?:微信|微博|QQ空间|QQ好友|朋友圈))*\s*$",
    re.IGNORECASE,
)
# Labels no bulletin text uses: a line holding one anywhere is the metadata table's, even cut
# apart at its tabs by a PDF's layout.
_DISTINCT_LABEL = re.compile(
    r"(?:索引号|主题分类|组配分类|体裁分类|文件名称|发布机构|成文日期|生成日期|网站标识码)\s*[:：]"
)
_BREADCRUMB = re.compile(r"首页\s*(?:>|＞|›|»|→|/)")
_NAV_WORDS = re.compile(
    r"^(?:首页|网站首页|政务公开|政府信息公开|信息公开|互动交流|政民互动|办事服务|政务服务|新闻中心|新闻动态|"
    r"走进\S{1,6}|魅力\S{1,6}|专题专栏|专题|数据开放|投资\S{0,4}|公众参与|领导信息|机构设置|政策文件|政策解读)$"
)


@dataclass(slots=True)
class PageHints:
    """What the dropped metadata said about the document it framed."""

    name: str | None = None
    publisher: str | None = None
    date: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


def _is_nav(line: str) -> bool:
    """A navigation bar: several short menu words, most of them a site's usual sections."""
    words = line.split()
    if len(words) < 3 or any(len(word) > 8 for word in words):
        return False
    known = sum(1 for word in words if _NAV_WORDS.match(word))
    return known >= 2 and known * 2 >= len(words)


def is_chrome(line: str) -> bool:
    """True for a line of a web page's furniture, not of the document it shows."""
    stripped = line.strip()
    if not stripped:
        return False
    if _CHROME.search(stripped) or _META_LINE.match(stripped) or _BREADCRUMB.search(stripped):
        return True
    return bool(_DISTINCT_LABEL.search(stripped)) or _is_nav(stripped)


def drop_chrome(blocks: list[Block], warnings: list[ImportWarning]) -> tuple[list[Block], PageHints]:
    """The blocks without web chrome, and the hints its metadata gave."""
    hints = PageHints()
    kept: list[Block] = []
    for block in blocks:
        if block.rule:
            kept.append(block)
            continue
        lines = block.text.split("\n")
        chrome = [is_chrome(line) for line in lines]
        if not any(chrome):
            kept.append(block)
            continue
        # A page copied as text: every line that is left is a paragraph of its own.
        for offset, (line, dropped) in enumerate(zip(lines, chrome, strict=True)):
            where = None if block.line is None else block.line + offset
            if dropped:
                _read_hints(line, hints)
                message = f"删去网页元素“{line.strip()}”（导航、发布信息、元数据、分享或反馈等）"
                warnings.append(ImportWarning("web-chrome-dropped", message, where, block.page))
            elif line.strip():
                kept.append(Block.plain(line, line=where, page=block.page, heading=block.heading))
    return kept, hints


def _read_hints(line: str, hints: PageHints) -> None:
    for match in _META_FIELD.finditer(line):
        label, value = match.group(1), match.group(2).strip()
        if not value:
            continue
        hints.fields.setdefault(label, value)
        if label in ("文件名称", "名称", "标题") and hints.name is None:
            hints.name = value
        elif label in ("发布机构", "发文机关", "发文机构", "信息来源", "来源") and hints.publisher is None:
            hints.publisher = value
        elif label in ("成文日期", "发布日期", "发布时间", "生成日期", "公开日期") and hints.date is None:
            hints.date = value
