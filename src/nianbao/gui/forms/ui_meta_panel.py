# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meta_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

class Ui_MetaPanel(object):
    def setupUi(self, MetaPanel):
        if not MetaPanel.objectName():
            MetaPanel.setObjectName(u"MetaPanel")
        self.issuer_box = QWidget(MetaPanel)
        self.issuer_box.setObjectName(u"issuer_box")
        self.issuer_box_layout = QHBoxLayout(self.issuer_box)
        self.issuer_box_layout.setSpacing(6)
        self.issuer_box_layout.setObjectName(u"issuer_box_layout")
        self.issuer_box_layout.setContentsMargins(0, 0, 0, 0)
        self.issuer_label = QLabel(self.issuer_box)
        self.issuer_label.setObjectName(u"issuer_label")

        self.issuer_box_layout.addWidget(self.issuer_label)

        self.issuer = QLineEdit(self.issuer_box)
        self.issuer.setObjectName(u"issuer")

        self.issuer_box_layout.addWidget(self.issuer)

        self.year_box = QWidget(MetaPanel)
        self.year_box.setObjectName(u"year_box")
        self.year_box_layout = QHBoxLayout(self.year_box)
        self.year_box_layout.setSpacing(6)
        self.year_box_layout.setObjectName(u"year_box_layout")
        self.year_box_layout.setContentsMargins(0, 0, 0, 0)
        self.year_label = QLabel(self.year_box)
        self.year_label.setObjectName(u"year_label")

        self.year_box_layout.addWidget(self.year_label)

        self.year = QSpinBox(self.year_box)
        self.year.setObjectName(u"year")
        self.year.setKeyboardTracking(False)
        self.year.setMinimum(2008)
        self.year.setMaximum(2100)

        self.year_box_layout.addWidget(self.year)

        self.level_box = QWidget(MetaPanel)
        self.level_box.setObjectName(u"level_box")
        self.level_box_layout = QHBoxLayout(self.level_box)
        self.level_box_layout.setSpacing(6)
        self.level_box_layout.setObjectName(u"level_box_layout")
        self.level_box_layout.setContentsMargins(0, 0, 0, 0)
        self.level_label = QLabel(self.level_box)
        self.level_label.setObjectName(u"level_label")

        self.level_box_layout.addWidget(self.level_label)

        self.level = QComboBox(self.level_box)
        self.level.setObjectName(u"level")

        self.level_box_layout.addWidget(self.level)

        self.contact_box = QWidget(MetaPanel)
        self.contact_box.setObjectName(u"contact_box")
        self.contact_box_layout = QHBoxLayout(self.contact_box)
        self.contact_box_layout.setSpacing(6)
        self.contact_box_layout.setObjectName(u"contact_box_layout")
        self.contact_box_layout.setContentsMargins(0, 0, 0, 0)
        self.contact_label = QLabel(self.contact_box)
        self.contact_label.setObjectName(u"contact_label")

        self.contact_box_layout.addWidget(self.contact_label)

        self.contact = QLineEdit(self.contact_box)
        self.contact.setObjectName(u"contact")

        self.contact_box_layout.addWidget(self.contact)

        self.format_label = QLabel(MetaPanel)
        self.format_label.setObjectName(u"format_label")
#if QT_CONFIG(shortcut)
        self.issuer_label.setBuddy(self.issuer)
        self.year_label.setBuddy(self.year)
        self.level_label.setBuddy(self.level)
        self.contact_label.setBuddy(self.contact)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MetaPanel)
    # setupUi

    def retranslateUi(self, MetaPanel):
        self.issuer_label.setText(QCoreApplication.translate("MetaPanel", u"\u53d1\u5e03\u673a\u5173", None))
        self.issuer.setPlaceholderText(QCoreApplication.translate("MetaPanel", u"\u4f8b\u5982\uff1a\u67d0\u67d0\u9547\u4eba\u6c11\u653f\u5e9c", None))
        self.year_label.setText(QCoreApplication.translate("MetaPanel", u"\u62a5\u544a\u5e74\u5ea6", None))
        self.year.setSuffix(QCoreApplication.translate("MetaPanel", u" \u5e74\u5ea6", None))
        self.level_label.setText(QCoreApplication.translate("MetaPanel", u"\u5c42\u7ea7", None))
        self.contact_label.setText(QCoreApplication.translate("MetaPanel", u"\u8054\u7cfb\u65b9\u5f0f", None))
        self.contact.setPlaceholderText(QCoreApplication.translate("MetaPanel", u"\u8054\u7cfb\u4eba\u3001\u7535\u8bdd", None))
        pass
    # retranslateUi

