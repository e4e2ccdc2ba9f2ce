"""Vocabularies of labour-dispute mediation (DOMAIN B2-B9)."""

from __future__ import annotations

from enum import Enum


class BodyType(Enum):
    """Who mediates (S3 Art 10)."""

    ENTERPRISE = "enterprise"  # 企业劳动争议调解委员会
    PEOPLE = "people"  # 基层人民调解组织
    TOWNSHIP = "township"  # 乡镇、街道具有劳动争议调解职能的组织

    @property
    def zh(self) -> str:
        return {
            "enterprise": "企业劳动争议调解委员会",
            "people": "人民调解组织",
            "township": "乡镇街道调解组织",
        }[self.value]


class RosterRole(Enum):
    WORKER = "worker"  # worker representative on an enterprise committee (S4 Art 15)
    EMPLOYER = "employer"  # enterprise representative on an enterprise committee
    MEDIATOR = "mediator"  # mediator of a people's or township body
    OFFICER = "officer"  # labour-dispute early-warning officer (预警员), B11


class Channel(Enum):
    """How the dispute came in."""

    VISIT = "visit"  # 来访
    LETTER = "letter"  # 来信
    PHONE = "phone"
    ONLINE = "online"
    REFERRAL = "referral"  # 移交 from another body
    WRITTEN = "written"  # written application (书面申请)
    ORAL = "oral"  # oral application, recorded on the spot (S4 Art 21; S3 Art 12)


class Category(Enum):
    """One primary category per case for statistics (B9); other issues go in tags."""

    LABOUR_CONTRACT = "labour-contract"  # 劳动合同
    REMUNERATION = "remuneration"  # 劳动报酬（工资）
    SOCIAL_INSURANCE = "social-insurance"  # 社会保险
    WORK_INJURY = "work-injury"  # 工伤
    DISMISSAL = "dismissal"  # 除名、辞退、辞职、离职 / termination
    LABOUR_RELATIONSHIP = "labour-relationship"  # 确认劳动关系
    WORKING_CONDITIONS = "working-conditions"  # 工作时间、休息休假、福利、培训、劳动保护
    COMPENSATION = "compensation"  # 经济补偿、赔偿金
    COLLECTIVE_CONTRACT = "collective-contract"  # 履行集体合同
    OTHER = "other"

    @property
    def zh(self) -> str:
        return _CATEGORY_ZH[self]


_CATEGORY_ZH = {
    Category.LABOUR_CONTRACT: "劳动合同",
    Category.REMUNERATION: "劳动报酬",
    Category.SOCIAL_INSURANCE: "社会保险",
    Category.WORK_INJURY: "工伤",
    Category.DISMISSAL: "除名辞退辞职离职",
    Category.LABOUR_RELATIONSHIP: "确认劳动关系",
    Category.WORKING_CONDITIONS: "工作时间休息休假福利培训劳动保护",
    Category.COMPENSATION: "经济补偿赔偿金",
    Category.COLLECTIVE_CONTRACT: "履行集体合同",
    Category.OTHER: "其他",
}

# S3 Art 16: non-performance of an agreement on these lets the worker seek a payment order.
PAYMENT_ORDER_CATEGORIES = frozenset({Category.REMUNERATION, Category.WORK_INJURY, Category.COMPENSATION})


class Outcome(Enum):
    """How a case closed (B6)."""

    SETTLED = "settled"  # 调解成功: a mediation agreement took effect
    FAILED = "failed"  # 调解不成
    WITHDRAWN = "withdrawn"  # 撤回
    REFERRED = "referred"  # 移交/上报


class CaseStatus(Enum):
    RECEIVED = "received"  # awaiting the decision to accept
    DECLINED = "declined"  # not accepted (S4 Art 22)
    ACCEPTED = "accepted"  # in mediation
    SETTLED = "settled"
    FAILED = "failed"
    DEEMED_FAILED = "deemed failed"  # 15 days after acceptance without agreement (S4 Art 29)
    WITHDRAWN = "withdrawn"
    REFERRED = "referred"


class ReferralTarget(Enum):
    ARBITRATION = "arbitration"  # 劳动争议仲裁委员会
    BODY = "body"  # another mediation body, which opens its own case
