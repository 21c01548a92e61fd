from django.urls import path

from .views import accounts

app_name = "account"

urlpatterns = [
    path("", accounts.account_home, name="home"),
    path("sign-up/", accounts.sign_up, name="sign_up"),
    path("sign-in/", accounts.sign_in, name="sign_in"),
    path("sign-out/", accounts.sign_out, name="sign_out"),
    path("recover/", accounts.recover, name="recover"),
    path("passphrase/", accounts.change_passphrase, name="change_passphrase"),
    path("sign-out-everywhere/", accounts.sign_out_everywhere, name="sign_out_everywhere"),
    path("my-data.json", accounts.export_data, name="export"),
    path("delete/", accounts.delete_account, name="delete"),
    path("locked/", accounts.keys_locked, name="keys_locked"),
]
