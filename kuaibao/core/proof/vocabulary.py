"""Word lists the rules share: government vocabulary missing from jieba's dictionary (which
predates 大数据 and 好差评), the reduplications official prose uses, titles, and characters
that input methods confuse."""

from __future__ import annotations

# Words of county government prose that jieba's dictionary lacks or ranks too low. Each
# counts as a common word (frequency GOV_WORD_FREQ) in the lexicon.
GOV_WORDS = """
大数据 云计算 互联网 物联网 区块链 人工智能 数字化 智能化 绿色化 信息化 网格化 一体化 标准化 规范化
好差评 一网通办 一次办 跨省通办 放管服 营商环境 万人助万企 三通一入地 专精特新 小巨人 新质生产力
高质量发展 乡村振兴 乡村振兴局 共同富裕 以旧换新 直播带货 网红 电商 三保 兜底 兜牢 筑牢 压实 夯实
台账 清单 网格员 接诉即办 豫事办 户户通 村村通 县县通 组组通 好评率 差评 评件 评件数 人次 台次 户次 车次
万元 亿元 万亩 万张 万份 平方米 立方米 公里 个百分点 同比 环比 增速 占比 一季度 二季度 三季度 四季度
上半年 下半年 全年 今年以来 截至目前 我县 我市 我镇 我乡 全县 全市 全镇 全乡 县直 县委 县政府 县人大
县政协 县纪委 县监委 县委常委 县人大常委会 正副主任 正副主席 副县长 人武部 人武部长 检察长 检察院
法院 公安局 街道办事处 便民服务中心 党群服务中心 新时代文明实践 文明实践站 移民村 试点村 示范村
监测对象 脱贫人口 防返贫 低保 特困 医保 社保 社保卡 电子社保卡 医保服务站 农商银行 供销社 融媒体中心
城隍庙 黄河故道 高标准农田 秸秆 禁烧 三夏 三秋 人居环境 河长制 林长制 田长制 污水管网 弱电 入地
一揽子 稳增长 稳就业 稳岗 惠企 助企 减税降费 项目为王 招商引资 首席服务官 落户 投产 达效 提质增效
设备更新 技术改造 技改 绿色工厂 智能车间 禁种铲毒 踏查 信访 源头治理 矛盾纠纷 复核 应保尽保
""".split()

GOV_WORD_FREQ = 2000

# Reduplications (AA) that official prose uses. jieba's dictionary holds about 900 AA entries,
# many of them names, kinship terms and onomatopoeia (花花, 格格, 哥哥, 哈哈) that a typing slip
# produces more often than a writer: only those of the kinds below, frequent enough, and this
# list count as words.
REDUPLICATION_TAGS = frozenset({"d", "z", "b", "a", "ad", "m", "q", "r", "t", "v", "vn"})
REDUPLICATION_MIN_FREQ = 100
REDUPLICATIONS = """
人人 家家 户户 村村 事事 处处 时时 层层 步步 天天 年年 月月 日日 代代 世世 条条 件件
样样 项项 次次 个个 种种 点点 滴滴 声声 句句 篇篇 桩桩 队队 组组 谢谢 常常 大大 紧紧 牢牢 默默 渐渐
等等 徐徐 浩浩 滚滚 熊熊 冉冉 袅袅 潺潺 皑皑 茫茫 悄悄 匆匆 隐隐
妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 叔叔 爷爷 奶奶 姥姥 舅舅 伯伯 婆婆 公公 宝宝 娃娃
""".split()
# jieba lists these AA entries as common, but in bulletins they are far likelier to be slips.
# Kinship words (妈妈 爸爸 弟弟, tagged n by jieba) and the descriptive AA words of written
# prose (徐徐 浩浩 滚滚, tagged nr, nz or z) are in the list above: news prose means them.
NOT_REDUPLICATIONS = frozenset("星星 猩猩 区区 团团 通通".split())

# Measure words that 一 reduplicates on purpose (一台台, 一趟趟, 一个个, 一项项).
MEASURE_WORDS = frozenset("个家户名位处项次座条批台辆栋张片道件桩趟步回遍场排串群棵株把轮届期幅篇页本封层间所只头匹")

# The last character of a place or unit name, which the next word may start again:
# 王楼镇镇长, 贾庄村村委会, 我县县委, 卫生院院长.
NAME_ENDINGS = frozenset("省市县区州盟旗乡镇村街组院局委办所站队")

# The commonest surnames: a reduplicated given name follows them (王丽丽, 张娜娜).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)

# Single characters that stand alone as words in any prose: particles, prepositions,
# conjunctions, measure words, pronouns, localisers (jieba's tags for them).
FUNCTION_TAGS = frozenset({"u", "uj", "ul", "uv", "uz", "ud", "ug", "p", "c", "q", "m", "r", "f", "y", "e", "o", "d"})

# Titles that can stand before a leader's name (longest first when matched).
TITLES = """
县委书记 县委副书记 县长 副县长 常务副县长 县委常委 县人大常委会主任 县人大常委会副主任 县政协主席
县政协副主席 县人民法院院长 县人民检察院检察长 县监委主任 县纪委书记 组织部长 宣传部长 统战部长
政法委书记 人武部长 政委 书记 副书记 主任 副主任 主席 副主席 部长 副部长 局长 副局长 镇长 副镇长
乡长 副乡长 主任委员 秘书长 副秘书长 院长 副院长 检察长 副检察长 市长 副市长 省长 副省长 区长 副区长
""".split()

# Pairs of characters that pinyin input confuses in unit names (同音/近音), each both ways.
CONFUSABLE_PAIRS = """
务物 务误 物误 理里 委为 委伟 会汇 会惠 局居 办半 管馆 监检 督都 卫为 健建 保报 障章 资咨 资姿 源原
规归 划化 城程 城成 乡相 街接 道到 镇震 镇阵 发法 改该 展站 科课 技计 技记 工公 工功 信心 信新 商尚
财才 财材 政正 政证 农浓 业页 林临 利力 利立 交教 通同 育预 体提 文问 文闻 广光 电店 医依 疗了 社设
民名 民明 族组 宗总 审申 计记 计纪 统同 安按 安案 司思 检简 察查 院员 院园 组族 织知 宣选 传船 部步
部布 联连 合和 妇父 青清 青轻 团圆 残惨 疾及 应印 急及 急极 场厂 场常 署暑 座坐 像象 即既 带代 做作
历厉 园院 区曲 县现 县线 市是 省生 署数 据剧 数术 务雾 服福 务勿 营赢 营迎 环还 境镜 境静 治制 治质
""".split()


def confusable(a: str, b: str) -> bool:
    """True when input methods commonly type one of the characters for the other."""
    return a + b in _CONFUSABLE or b + a in _CONFUSABLE


_CONFUSABLE = frozenset(CONFUSABLE_PAIRS)
